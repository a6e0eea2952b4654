package dev.portico.admin;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.payments.Payments;
import dev.portico.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Refunds waiting for the studio's approval (policy {@code refundApproval: manual}), and approving them. */
@RestController
class AdminPaymentsController {

    private final Payments payments;
    private final AuditLog audit;

    AdminPaymentsController(Payments payments, AuditLog audit) {
        this.payments = payments;
        this.audit = audit;
    }

    record Items<T>(List<T> items) {}

    @GetMapping("/api/admin/payments/pending-refunds")
    Items<Payments.PendingRefund> pending(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireStaff(admin);
        return new Items<>(payments.pendingRefunds());
    }

    @PostMapping("/api/admin/payments/{id}/refund")
    @Transactional
    Map<String, String> approve(@PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "approve refunds");
        if (!payments.approveRefund(id)) {
            throw new ApiException(HttpStatus.CONFLICT, "NO_REFUND_PENDING", "Nothing to approve", "This payment has no refund waiting for approval.");
        }
        audit.record(Actor.admin(admin.getSubject()), "admin.refund_approved", null, "payment", id.toString(), Map.of());
        return Map.of("status", "REQUESTED");
    }
}
