// Shapes of the customer API (/api/client-portal), as the Java controllers answer them. Fields the server leaves out
// when null (Jackson's non_null inclusion) are optional here.

export interface Money {
  amount: number;
  currency: string;
}

export interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  timezone: string;
  locale: string;
  memberNumber?: string | null;
}

export interface SessionView {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  customer: Customer;
}

export type LoginChannel = 'email' | 'sms' | 'whatsapp';

export interface LinkSent {
  status: string;
  channel: LoginChannel;
  expiresInSeconds: number;
}

export interface Branding {
  studioName: string;
  logoUrl?: string | null;
  theme: { pack: string; tokens: Record<string, string> };
  locales: string[];
  defaultLocale: string;
  timezone: string;
  currency: string;
  loginChannels: LoginChannel[];
  locations?: { name: string; address?: string | null }[];
  paymentsEnabled: boolean;
  /** Only in the demo profile: login links can be read at /api/dev/inbox. */
  devInbox?: boolean;
}

export type PackageStatus = 'ACTIVE' | 'EXHAUSTED' | 'EXPIRED';

export interface PackageSummary {
  id: string;
  name: string;
  creditsTotal: number;
  creditsRemaining: number;
  expiresAt: string;
  status: PackageStatus | string;
}

export interface Me {
  customer: Customer;
  packages: PackageSummary[];
  bookingPageSlug: string;
  studio: { name: string; logoUrl?: string | null; timezone: string };
}

export interface Ref {
  id: string;
  name: string;
}

export type CreditOutcome = 'REFUNDED' | 'FORFEITED' | 'NONE' | 'MANUAL_REVIEW';

export interface CancelAction {
  allowed: boolean;
  message?: string | null;
  creditOutcome: CreditOutcome;
  fee?: Money | null;
}

export interface RescheduleAction {
  allowed: boolean;
  message?: string | null;
}

export interface Checkout {
  paymentId: string;
  redirectUrl?: string | null;
  clientSecret?: string | null;
  status: string;
  failureReason?: string | null;
}

export type AppointmentStatus = 'BOOKED' | 'PENDING_PAYMENT' | 'CANCELLED' | 'LATE_CANCELLED' | 'COMPLETED' | 'NO_SHOW';

export interface Appointment {
  id: string;
  service: Ref;
  staff: Ref;
  location: Ref;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus | string;
  payment: { kind: 'CREDIT' | 'PAYMENT' | 'FREE' | string; packageId?: string | null; status?: string | null };
  rescheduleCount?: number;
  actions: { cancel: CancelAction; reschedule: RescheduleAction };
  checkout?: Checkout | null;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface CancelResult {
  appointment: Appointment;
  creditOutcome: CreditOutcome;
  message?: string | null;
  fee?: Money | null;
  feeCheckout?: Checkout | null;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  staff: Ref;
  spotsLeft: number;
}

export interface LedgerEntry {
  at: string;
  delta: number;
  reason: string;
  appointmentId?: string | null;
}

export interface CreditPackage extends PackageSummary {
  ledger: LedgerEntry[];
}

export interface PackageProduct {
  id: string;
  name: string;
  description?: string | null;
  credits: number;
  price: Money;
  validityDays: number;
}

export interface PackageProducts {
  items: PackageProduct[];
  purchasable: boolean;
}

export interface Receipt {
  id: string;
  description: string;
  amount: Money;
  status: string;
  createdAt: string;
  receiptUrl?: string | null;
}

export interface Profile {
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  timezone: string;
  locale: string;
}

export interface Preferences {
  emailOptIn: boolean;
  smsOptIn: boolean;
  whatsappOptIn: boolean;
  marketingConsent: boolean;
  reminderHoursBefore: number;
}

export interface InboxMessage {
  to: string;
  channel: string;
  subject: string;
  body: string;
  link?: string | null;
  sentAt: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}
