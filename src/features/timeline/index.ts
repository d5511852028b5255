/** Public API of the timeline feature (README.md). Other features import only from here. */
import './timeline.css';

export { Timeline, type TimelineProps } from './Timeline';
export { timelineItems, type TimelineData, type TimelineItem } from '../../core';
