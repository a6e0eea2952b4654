package dev.portico.payments;

import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Package products and purchases, receipts, and the provider's webhook. */
@RestController
class PaymentsController {

    private final Payments payments;
    private final PaymentWebhooks webhooks;
    private final CustomerDirectory customers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PaymentsController(Payments payments, PaymentWebhooks webhooks, CustomerDirectory customers, JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.payments = payments;
        this.webhooks = webhooks;
        this.customers = customers;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    record Amount(long amount, String currency) {}

    record Product(UUID id, String name, @Nullable String description, int credits, Amount price, int validityDays) {}

    record Products(List<Product> items, boolean purchasable) {}

    record PurchaseRequest(@NotNull UUID productId) {}

    record Receipt(UUID id, String description, Amount amount, String status, OffsetDateTime createdAt, @Nullable String receiptUrl) {}

    record Items<T>(List<T> items) {}

    @GetMapping("/api/client-portal/package-products")
    Products products() {
        List<Product> products = jdbc.sql("SELECT id, name, description, credits, price_minor, currency, validity_days FROM "
                        + schema() + ".package_products WHERE active ORDER BY price_minor, name")
                .query((rs, n) -> new Product(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                        new Amount(rs.getLong(5), rs.getString(6).trim()), rs.getInt(7)))
                .list();
        return new Products(products, payments.available());
    }

    @PostMapping("/api/client-portal/packages/purchase")
    ResponseEntity<Checkout> purchase(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PurchaseRequest request) {
        Customer customer = customer(token);
        Product product = products().items().stream().filter(p -> p.id().equals(request.productId())).findFirst()
                .orElseThrow(() -> ApiException.notFound("Package"));
        if (customer.getEmail() == null) {
            throw ApiException.validation(List.of(new ApiException.FieldProblem("email", "add an email address to your profile to pay online")));
        }
        UUID paymentId = transactions.execute(status -> payments.open(customer.getId(), "PACKAGE_PURCHASE", product.price().amount(),
                product.price().currency(), product.name(), null, product.id()));
        Checkout checkout = payments.start(paymentId, customer.getEmail());
        if ("FAILED".equals(checkout.status())) {
            throw declined(checkout);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(checkout);
    }

    @GetMapping("/api/client-portal/receipts")
    Items<Receipt> receipts(@AuthenticationPrincipal Jwt token) {
        Customer customer = customer(token);
        ZoneId zone = ZoneId.of(customer.getTimezone());
        return new Items<>(jdbc.sql("SELECT id, description, amount_minor, currency, status, created_at, receipt_url FROM " + schema()
                        + ".payments WHERE customer_id = ? AND status IN ('SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED') ORDER BY created_at DESC")
                .param(customer.getId())
                .query((rs, n) -> new Receipt(rs.getObject(1, UUID.class), rs.getString(2), new Amount(rs.getLong(3), rs.getString(4).trim()),
                        rs.getString(5), rs.getTimestamp(6).toInstant().atZone(zone).toOffsetDateTime(), rs.getString(7)))
                .list());
    }

    /** The provider calls this; the plugin verifies the signature against the studio's secret. */
    @PostMapping("/api/webhooks/payments/{pluginId}")
    Map<String, String> webhook(@PathVariable String pluginId, @RequestBody byte[] payload, HttpServletRequest request) {
        Map<String, String> headers = Collections.list(request.getHeaderNames()).stream()
                .collect(Collectors.toMap(name -> name.toLowerCase(Locale.ROOT), request::getHeader, (a, b) -> a));
        return Map.of("status", webhooks.handle(pluginId, payload, headers));
    }

    static ApiException declined(Checkout checkout) {
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, "PAYMENT_DECLINED", "Payment declined",
                checkout.failureReason() == null ? "The payment was declined." : checkout.failureReason());
    }

    private Customer customer(Jwt token) {
        return customers.findActive(UUID.fromString(token.getSubject())).orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended", "Your session has ended. Please log in again."));
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
