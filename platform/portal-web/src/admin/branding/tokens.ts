import type { CSSProperties } from 'react';
import type { BrandingView, ThemePack } from '../types';

const TOKEN_NAME = /^[a-z][a-z0-9-]{0,63}$/;
// The server's own rule (ThemeCatalog.isSafe): a value that cannot close the declaration it sits in.
const TOKEN_VALUE = /^[^;{}<>\\"\p{Cc}]{1,200}$/u;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export function isSafeToken(name: string, value: string): boolean {
  return TOKEN_NAME.test(name) && TOKEN_VALUE.test(value);
}

export function isColourToken(name: string): boolean {
  return name.startsWith('color-');
}

export function isHexColour(value: string): boolean {
  return HEX_COLOUR.test(value);
}

export function packNamed(view: BrandingView, name: string): ThemePack | undefined {
  return view.packs.find((p) => p.name === name);
}

/** The pack's tokens with the studio's overrides on top, as the portal's theme.css will have them. */
export function effectiveTokens(pack: ThemePack | undefined, overrides: Record<string, string>): Record<string, string> {
  const tokens: Record<string, string> = { ...(pack?.tokens ?? {}) };
  for (const [name, value] of Object.entries(overrides)) {
    if (value.trim() !== '') {
      tokens[name] = value.trim();
    }
  }
  return tokens;
}

/** Only what differs from the pack is the studio's own. */
export function ownOverrides(pack: ThemePack | undefined, overrides: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(overrides)
      .map(([name, value]) => [name, value.trim()] as const)
      .filter(([name, value]) => value !== '' && value !== pack?.tokens[name]),
  );
}

/** The tokens as CSS custom properties for a container's style attribute (unsafe ones are left out). */
export function tokenStyle(tokens: Record<string, string>): CSSProperties {
  return Object.fromEntries(
    Object.entries(tokens)
      .filter(([name, value]) => isSafeToken(name, value))
      .map(([name, value]) => [`--${name}`, value]),
  ) as CSSProperties;
}
