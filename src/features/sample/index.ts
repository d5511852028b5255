/** Public API of the sample feature (README.md). Other features import only from here. */
import './sample.css';
export { SampleCaseDialog, type SampleCaseDialogProps } from './SampleCaseDialog';
export { openSampleCase, type SampleCaseOutcome } from './openSampleCase';
export { SAMPLE_CASE_ID } from './sampleKeys';
