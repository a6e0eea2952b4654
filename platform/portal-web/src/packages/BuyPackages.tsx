import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Checkout, PackageProduct } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { usePackageProducts } from './queries';

/** Shown when the studio takes payments online: buying goes to the provider's checkout. */
export function BuyPackages() {
  const { t } = useTranslation();
  const headingId = useId();
  const products = usePackageProducts(true);
  const { announce } = useStatus();
  const queryClient = useQueryClient();
  const buy = useMutation({
    mutationFn: (product: PackageProduct) =>
      api<Checkout>('/api/client-portal/packages/purchase', { method: 'POST', body: { productId: product.id } }),
    onSuccess: (checkout) => {
      if (checkout.redirectUrl) {
        window.location.assign(checkout.redirectUrl);
        return;
      }
      announce(checkout.status === 'SUCCEEDED' ? t('buy.done') : t('buy.pending'));
      void queryClient.invalidateQueries({ queryKey: ['packages'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('buy.title')}</h2>
      {products.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {products.isError && <ProblemMessage error={products.error} />}
      <ProblemMessage error={buy.error} />
      {products.isSuccess &&
        (products.data.items.length === 0 ? (
          <p>{t('buy.none')}</p>
        ) : (
          <div className="product-grid">
            {products.data.items.map((product) => (
              <Product
                key={product.id}
                product={product}
                purchasable={products.data.purchasable}
                busy={buy.isPending}
                onBuy={() => buy.mutate(product)}
              />
            ))}
          </div>
        ))}
    </section>
  );
}

interface ProductProps {
  product: PackageProduct;
  purchasable: boolean;
  busy: boolean;
  onBuy: () => void;
}

function Product({ product, purchasable, busy, onBuy }: ProductProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const nameId = useId();
  return (
    <article className="card stack product" aria-labelledby={nameId}>
      <h3 id={nameId}>{product.name}</h3>
      {product.description && <p className="muted">{product.description}</p>}
      <p>
        {t('buy.terms', { count: product.credits, days: fmt.number(product.validityDays) })}
      </p>
      <p className="price">{fmt.money(product.price)}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={!purchasable || busy}
        aria-describedby={nameId}
        onClick={onBuy}
      >
        {t('buy.buy')}
      </button>
    </article>
  );
}
