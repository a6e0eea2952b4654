import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { branding, json, problem, stubApi } from '../../test/api';
import { loginRoute, logOutAdmin, renderAdmin } from '../test';
import type { BrandingView } from '../types';
import { BrandingPage } from './BrandingPage';
import { BrandingPreview } from './BrandingPreview';

const calm = {
  name: 'calm',
  label: 'Calm',
  tokens: { 'color-primary': '#2f6f5e', 'color-background': '#f7f4ef', radius: '14px' },
};
const forge = {
  name: 'forge',
  label: 'Forge',
  tokens: { 'color-primary': '#e4572e', 'color-background': '#111418', radius: '4px' },
};

function view(overrides: Partial<BrandingView> = {}): BrandingView {
  return { pack: 'calm', tokens: { 'color-accent': '#aa3366' }, logoUrl: null, version: 3, packs: [calm, forge], ...overrides };
}

function preview(): HTMLElement {
  return screen.getByRole('region', { name: 'Preview' });
}

afterEach(logOutAdmin);

describe('branding preview', () => {
  it('sets the tokens as CSS custom properties on its own container, leaving unsafe values out', () => {
    stubApi({ 'GET /api/client-portal/branding': () => json(200, branding) });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <BrandingPreview
          studioName="Serenity Yoga & Pilates"
          tokens={{ 'color-primary': '#123456', radius: '2px', 'color-text': 'red; } body { display: none' }}
        />
      </QueryClientProvider>,
    );

    const container = preview();
    expect(container).toHaveClass('theme-scope');
    expect(container.style.getPropertyValue('--color-primary')).toBe('#123456');
    expect(container.style.getPropertyValue('--radius')).toBe('2px');
    expect(container.style.getPropertyValue('--color-text')).toBe('');
    expect(document.documentElement.style.getPropertyValue('--color-primary')).toBe('');
    // Real portal pieces: a booking card and the buttons.
    expect(within(container).getByRole('article')).toHaveTextContent('Vinyasa Flow');
    expect(within(container).getByRole('button', { name: 'Book a class' })).toHaveClass('button-primary');
  });
});

describe('branding page', () => {
  it('previews every change at once and saves only what differs from the pack, with the version read', async () => {
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/branding': () => json(200, view()),
      'PUT /api/admin/branding': (request) => json(200, { ...view(), ...(request.body as object), version: 4 }),
    });
    const user = userEvent.setup();
    await renderAdmin(<BrandingPage />);

    const primary = await screen.findByLabelText('Primary colour');
    expect(primary).toHaveValue('#2f6f5e');
    expect(preview().style.getPropertyValue('--color-primary')).toBe('#2f6f5e');
    expect(preview().style.getPropertyValue('--color-accent')).toBe('#aa3366');

    await user.clear(primary);
    await user.type(primary, '#8a2be2');
    expect(preview().style.getPropertyValue('--color-primary')).toBe('#8a2be2');

    await user.selectOptions(screen.getByLabelText('Theme pack'), 'forge');
    expect(preview().style.getPropertyValue('--color-background')).toBe('#111418');
    expect(preview().style.getPropertyValue('--color-primary')).toBe('#8a2be2');

    await user.click(screen.getByRole('button', { name: 'Save branding' }));

    await screen.findByText('Branding saved. Customers see it on their next page load.');
    expect(api.callsTo('PUT', '/api/admin/branding')[0]?.body).toEqual({
      pack: 'forge',
      tokens: { 'color-accent': '#aa3366', 'color-primary': '#8a2be2' },
      logoUrl: null,
      version: 3,
    });
  });

  it('says so when someone else saved first, and offers to reload', async () => {
    stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/branding': () => json(200, view()),
      'PUT /api/admin/branding': () =>
        problem(409, 'VERSION_CONFLICT', 'This branding was changed by someone else. Reload it and try again.'),
    });
    const user = userEvent.setup();
    await renderAdmin(<BrandingPage />);

    await user.click(await screen.findByRole('button', { name: 'Save branding' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This branding was changed by someone else.');
    expect(screen.getByRole('button', { name: 'Reload the current branding' })).toBeVisible();
  });

  it('is read-only for the front desk', async () => {
    stubApi({
      ...loginRoute('FRONT_DESK'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/branding': () => json(200, view()),
    });
    await renderAdmin(<BrandingPage />);

    expect(await screen.findByLabelText('Primary colour')).toBeDisabled();
    expect(screen.getByText("Only the studio's owner can change the branding.")).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save branding' })).not.toBeInTheDocument();
  });
});
