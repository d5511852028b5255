export { ServicesProvider, useServices } from './ServicesContext';
