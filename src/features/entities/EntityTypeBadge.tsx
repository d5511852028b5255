import { entityTypeInfo, type EntityType } from '../../core';
import { Icon } from '../../ui';

/** The type's icon in its colour, with its label unless `iconOnly`. */
export function EntityTypeBadge({
  type,
  iconOnly = false,
}: {
  readonly type: EntityType;
  readonly iconOnly?: boolean;
}) {
  const info = entityTypeInfo(type);
  return (
    <span className="cf-entity-type" style={{ color: info.colour }} title={info.label}>
      <Icon name={info.icon} colour={info.colour} label={iconOnly ? info.label : undefined} />
      {iconOnly ? null : <span className="cf-entity-type__label">{info.label}</span>}
    </span>
  );
}
