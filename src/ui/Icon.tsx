import {
  AtSign,
  Banknote,
  Bug,
  Building2,
  CalendarDays,
  Car,
  FileText,
  Fingerprint,
  Globe,
  Hash,
  Landmark,
  Link,
  Mail,
  MapPin,
  Network,
  Phone,
  ShieldAlert,
  Tag,
  User,
  Wallet,
  Zap,
  type LucideIcon,
} from 'lucide-react';

/** Glyphs by name: entity types name theirs in core (ENTITY_TYPE_INFO.icon). */
const GLYPHS: Readonly<Record<string, LucideIcon>> = {
  person: User,
  organization: Building2,
  location: MapPin,
  event: Zap,
  date: CalendarDays,
  money: Banknote,
  email: Mail,
  phone: Phone,
  url: Link,
  domain: Globe,
  ip: Network,
  hash: Fingerprint,
  wallet: Wallet,
  bank: Landmark,
  malware: Bug,
  vulnerability: ShieldAlert,
  account: AtSign,
  vehicle: Car,
  document: FileText,
  custom: Tag,
  number: Hash,
};

export interface IconProps {
  readonly name: string;
  readonly size?: number;
  readonly colour?: string;
  /** Text for screen readers; without it the icon is decorative. */
  readonly label?: string;
}

/** An inline SVG icon (bundled, never fetched). Unknown names fall back to a tag. */
export function Icon({ name, size = 16, colour, label }: IconProps) {
  const Glyph = GLYPHS[name] ?? Tag;
  return (
    <Glyph
      size={size}
      color={colour ?? 'currentColor'}
      strokeWidth={2}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'img' : undefined}
      focusable={false}
    />
  );
}
