/** Public API of the link chart feature (README.md). Other features import only from here. */
import './chart.css';

export { ChartArea, type ChartAreaProps } from './ChartArea';
