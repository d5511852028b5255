/** Public API of the search feature (README.md). Other features import only from here. */
import './search.css';

export { CaseSearchBox, type CaseSearchBoxProps } from './CaseSearchBox';
export {
  SEARCH_DEBOUNCE_MS,
  SearchArea,
  type SearchAreaProps,
  type SearchFind,
} from './SearchArea';
export { focusCaseSearch } from './focusCaseSearch';
