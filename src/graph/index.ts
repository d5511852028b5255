// The link chart: the only door to Cytoscape for the rest of the app.
export * from './types';
export {
  toElements,
  claimPassesFilters,
  validTimeSpan,
  literalNodeId,
  groupNodeId,
  NODE_SIZE,
} from './toElements';
export { GraphCanvas, LARGE_GRAPH_NODES } from './GraphCanvas';
export { chartToSvg, type ChartSnapshot } from './chartToSvg';
export { iconDataUri, iconSvg } from './icons';
export { CHART_COLOURS } from './style';
export {
  drawChartForReport,
  REPORT_CHART_MAX_WIDTH,
  type ReportChartDrawing,
  type ReportChartInput,
  type ReportChartSettings,
} from './reportChart';
