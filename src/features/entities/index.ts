/** Public API of the entities feature (README.md). Other features import only from here. */
export { EntityTypeBadge } from './EntityTypeBadge';
export { EntitiesArea, type EntitiesAreaProps } from './EntitiesArea';
export { trimContext } from './EntityMentions';
export { EntityPicker, type EntityPickChoice, type EntityPickerProps } from './EntityPicker';
export {
  TypeOptions,
  customTypesOf,
  type EntityTypeFieldProps,
  EntityTypeField,
} from './EntityTypeField';
