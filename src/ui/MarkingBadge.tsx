/** A handling marking (e.g. TLP:AMBER) in its conventional colour. */
export function MarkingBadge({ marking }: { readonly marking: string }) {
  const tone = /^TLP:(CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)$/i
    .exec(marking)?.[1]
    ?.toLowerCase();
  const modifier = tone ? tone.replace('+', '-') : 'other';
  return <span className={`cf-marking cf-marking--${modifier}`}>{marking}</span>;
}
