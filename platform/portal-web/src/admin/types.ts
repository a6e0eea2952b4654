// Shapes of the staff API (/api/admin), as the Java controllers answer them.

export type AdminRole = 'OWNER' | 'FRONT_DESK';

export interface AdminIdentity {
  id: string;
  email: string;
  role: AdminRole | string;
}

export interface AdminLogin {
  accessToken: string;
  tokenType?: string;
  expiresIn: number;
  admin: AdminIdentity;
}

export type SettingType = 'STRING' | 'INTEGER' | 'BOOLEAN' | 'URL' | 'EMAIL' | 'PHONE' | 'DURATION';

export interface SettingSchema {
  key: string;
  type: SettingType | string;
  required: boolean;
  secret: boolean;
  defaultValue?: string | null;
  description: string;
}

export interface PluginView {
  id: string;
  version: string;
  provider: string;
  kinds: string[];
  channelKinds: string[];
  settingsSchema: SettingSchema[];
  enabled: boolean;
  /** The studio's stored values; secrets come back as "********" when set and are absent when not. */
  settings: Record<string, string>;
  /** False when the plugin failed to start on this server. */
  available: boolean;
}

export interface ThemePack {
  name: string;
  label: string;
  tokens: Record<string, string>;
}

export interface BrandingView {
  pack: string;
  /** The studio's overrides of its pack's tokens. */
  tokens: Record<string, string>;
  logoUrl?: string | null;
  version: number;
  packs: ThemePack[];
}

export interface BrandingUpdate {
  pack: string;
  tokens: Record<string, string>;
  logoUrl: string | null;
  version: number;
}

export interface Items<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { type: string; id?: string | null };
  action: string;
  customerId?: string | null;
  target?: { type?: string | null; id?: string | null } | null;
  ip?: string | null;
  userAgent?: string | null;
  details: unknown;
}

export type DeliveryStatus = 'PENDING' | 'RETRYING' | 'SENT' | 'DEAD';

export interface Delivery {
  id: string;
  event: string;
  customerId?: string | null;
  channel: string;
  recipient: string;
  subject: string;
  status: DeliveryStatus | string;
  attempts: number;
  pluginId?: string | null;
  providerMessageId?: string | null;
  lastError?: string | null;
  createdAt: string;
  sentAt?: string | null;
}

export interface CustomerRow {
  id: string;
  memberNumber?: string | null;
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  status: string;
  version: number;
}

export interface CustomerPackageRow {
  id: string;
  name: string;
  creditsTotal: number;
  creditsRemaining: number;
  expiresAt: string;
  status: string;
}

export interface CustomerDetail extends CustomerRow {
  packages: CustomerPackageRow[];
}

export interface AdminAccount {
  id: string;
  email: string;
  role: AdminRole | string;
  active: boolean;
  createdAt: string;
  lastLoginAt?: string | null;
}

export interface NewAdminAccount {
  email: string;
  role: AdminRole;
  password: string;
}
