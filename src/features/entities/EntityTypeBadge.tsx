import type { CSSProperties } from 'react';
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
    <span
      className="cf-entity-type cf-type-ink"
      style={{ '--cf-type-colour': info.colour } as CSSProperties}
      title={info.label}
    >
      {/* The icon takes the text colour, which the theme lightens on dark backgrounds. */}
      <Icon name={info.icon} label={iconOnly ? info.label : undefined} />
      {iconOnly ? null : <span className="cf-entity-type__label">{info.label}</span>}
    </span>
  );
}
