import { api, startSession } from '../api/client';
import type { InboxMessage, LinkSent, LoginChannel, SessionView } from '../api/types';
import type { AddressKind } from './address';

export interface LinkChannelRequest {
  kind: AddressKind;
  address: string;
  channel: LoginChannel;
}

export function requestLink(request: LinkChannelRequest): Promise<LinkSent> {
  const body =
    request.kind === 'email'
      ? { email: request.address, channel: request.channel }
      : { phone: request.address, channel: request.channel };
  return api<LinkSent>('/api/client-portal/auth/request-link', { method: 'POST', body, auth: false });
}

const verifying = new Map<string, Promise<SessionView>>();

/**
 * Trades a login link's token for a session. A token works once, so a second call for the same token (React's
 * development double effects, a double click) shares the first one's answer.
 */
export function verifyLink(token: string): Promise<SessionView> {
  let pending = verifying.get(token);
  if (!pending) {
    pending = api<SessionView>('/api/client-portal/auth/verify', { method: 'POST', body: { token }, auth: false }).then(
      (view) => {
        startSession(view);
        return view;
      },
    );
    verifying.set(token, pending);
  }
  return pending;
}

export function devInbox(address: string): Promise<{ items: InboxMessage[] }> {
  return api<{ items: InboxMessage[] }>(`/api/dev/inbox?to=${encodeURIComponent(address)}`, { auth: false });
}

/** The newest message time already in the demo inbox, so only a newer message counts as the new link. */
export async function inboxBaseline(address: string): Promise<number> {
  try {
    const { items } = await devInbox(address);
    return items.reduce((newest, m) => Math.max(newest, Date.parse(m.sentAt)), Number.NEGATIVE_INFINITY);
  } catch {
    // Clocks may differ a little; a message from just before the request is still this request's.
    return Date.now() - 5_000;
  }
}

/** The login link as a link on this very origin: the studio's configured URL may name another port or host. */
export function sameOriginLink(link: string, origin: string = window.location.origin): string {
  try {
    const url = new URL(link);
    return origin + url.pathname + url.search;
  } catch {
    return link;
  }
}
