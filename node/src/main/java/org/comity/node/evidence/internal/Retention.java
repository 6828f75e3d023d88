package org.comity.node.evidence.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.event.CustodyAction;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of evidence on this node (ARCHITECTURE.md section 5, retention): an item is disposed of
 * when its authority decides so or its retention period ends, unless it is on legal hold. Disposal is
 * the item's last custody event here, recorded with the item's row in one transaction; its bytes
 * leave the vault after that transaction commits, once no item still kept refers to them (the vault
 * is content-addressed: the same bytes handed over between two authorities of this node are one blob).
 * A crash between the commit and the removal leaves a blob that {@link #expire} removes later.
 */
@Component
class Retention {

    static final int MAX_REASON = 500;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final UploadStore items;
    private final TransferStore transfers;
    private final CustodyRecorder custody;
    private final BlobStore vault;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration period;
    private final String periodText;
    private final Actor node;

    Retention(UploadStore items, TransferStore transfers, CustodyRecorder custody, BlobStore vault, AuditTrail audit, TransactionTemplate tx,
            Clock clock, ComityProperties properties, @Value("${comity.evidence.retention:}") String period) {
        this.items = items;
        this.transfers = transfers;
        this.custody = custody;
        this.vault = vault;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.periodText = period == null ? "" : period.strip();
        this.period = periodText.isEmpty() ? null : DurationStyle.detectAndParse(periodText);
        if (this.period != null && (this.period.isNegative() || this.period.isZero())) {
            throw new IllegalStateException("comity.evidence.retention must be a positive duration (for example P3650D), or empty to keep evidence");
        }
        this.node = Actor.system(properties.node().id());
    }

    /** How long evidence is kept after it was recorded, when a retention period is configured. */
    java.util.Optional<Duration> period() {
        return java.util.Optional.ofNullable(period);
    }

    /**
     * Disposes of {@code item} in the caller's transaction: refused if it is already disposed of, on
     * legal hold, or being sent to another node.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    EvidenceItem dispose(Actor actor, EvidenceItem item, String reason) {
        String why = reason(reason, "reason");
        EvidenceItem current = locked(item);
        if (current.disposed()) {
            throw ComityException.conflict("already-disposed", "This item was already disposed of on " + current.disposal().at() + ".");
        }
        if (current.hold() != null) {
            throw ComityException.conflict("legal-hold", "This item is on legal hold since " + current.hold().since() + " (" + current.hold().reason()
                    + "): release the hold before disposing of it.");
        }
        if (transfers.ofItem(item.id()).stream().anyMatch(t -> t.direction() == TransferStore.Direction.OUT
                && (t.status() == TransferStore.Status.OFFERING || t.status() == TransferStore.Status.OFFERED))) {
            throw ComityException.conflict("transfer-in-progress", "This item is being sent to the requesting authority: dispose of it once"
                    + " the transfer is delivered or has failed.");
        }
        Instant at = clock.instant();
        org.comity.custody.event.Actor who = custody.who(actor, actor.isSystem() ? "retention" : "disposer", current);
        custody.record(current, CustodyAction.DISPOSE, who, CustodyRecorder.COMITY, at, why, current.sha256(), null, Map.of("size", current.size()));
        items.markDisposed(current.id(), at, who.name(), why);
        audit.success(actor, "evidence.item.dispose", "evidence", current.id(), Map.of("sha256", current.sha256(), "reason", why));
        String sha256 = current.sha256();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                removeIfUnused(sha256);
            }
        });
        return items.item(current.id()).orElseThrow();
    }

    /** Puts {@code item} on legal hold: neither a person nor the retention period disposes of it until the hold is released. */
    @Transactional(propagation = Propagation.MANDATORY)
    EvidenceItem hold(Actor actor, EvidenceItem item, String reason) {
        String why = reason(reason, "reason");
        EvidenceItem current = locked(item);
        if (current.disposed()) {
            throw new ComityException(410, "evidence-disposed", "This item was disposed of on " + current.disposal().at() + "; it cannot be held.");
        }
        if (current.hold() != null) {
            throw ComityException.conflict("already-held", "This item is already on legal hold since " + current.hold().since() + ".");
        }
        items.markHeld(current.id(), clock.instant(), actor.displayName(), why);
        audit.success(actor, "evidence.item.hold", "evidence", current.id(), Map.of("reason", why));
        return items.item(current.id()).orElseThrow();
    }

    /** Releases the legal hold on {@code item}. */
    @Transactional(propagation = Propagation.MANDATORY)
    EvidenceItem release(Actor actor, EvidenceItem item, String reason) {
        String why = reason(reason, "reason");
        EvidenceItem current = locked(item);
        if (current.hold() == null) {
            throw ComityException.conflict("not-held", "This item is not on legal hold.");
        }
        items.markHeld(current.id(), null, null, null);
        audit.success(actor, "evidence.item.release", "evidence", current.id(), Map.of("reason", why, "heldSince", current.hold().since().toString()));
        return items.item(current.id()).orElseThrow();
    }

    /**
     * Disposes of every item whose retention period has ended and that is not on legal hold (each in
     * its own transaction, so one refusal does not hold back the others), then removes blobs that only
     * disposed items still named.
     *
     * @return how many items were disposed of
     */
    @Scheduled(fixedDelayString = "${comity.evidence.retention-check:PT1H}", initialDelayString = "PT1M")
    int expire() {
        int disposed = 0;
        if (period != null) {
            Instant cutOff = clock.instant().minus(period);
            List<UUID> due;
            do {
                due = items.dueForDisposal(cutOff, 100);
                int before = disposed;
                for (UUID id : due) {
                    try {
                        tx.executeWithoutResult(s -> dispose(node, items.item(id).orElseThrow(),
                                "Retention period of " + periodText + " ended (recorded before " + cutOff + ")"));
                        disposed++;
                    } catch (ComityException refused) {
                        log.info("Evidence item {} not disposed of at the end of its retention period: {}", id, refused.getMessage());
                    }
                }
                if (disposed == before) {
                    break; // everything left is refused for now (being sent)
                }
            } while (due.size() == 100);
        }
        for (String sha256 : items.blobsOnlyDisposedItemsName()) {
            removeIfUnused(sha256);
        }
        if (disposed > 0) {
            log.info("Disposed of {} evidence items at the end of their retention period", disposed);
        }
        return disposed;
    }

    /** The item as it is now, locked until the transaction ends: what another transaction did to it first counts. */
    private EvidenceItem locked(EvidenceItem item) {
        items.lockItem(item.id());
        return items.item(item.id()).orElseThrow(() -> ComityException.notFound("Evidence item"));
    }

    private void removeIfUnused(String sha256) {
        try {
            if (!items.blobInUse(sha256) && vault.exists(sha256)) {
                vault.delete(sha256);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("The vault kept blob {} of disposed evidence; the retention job tries again: {}", sha256, e.toString());
        }
    }

    private static String reason(String reason, String field) {
        if (reason == null || reason.isBlank()) {
            throw ComityException.invalid("Say why.", List.of(FieldProblem.of(field, "required", "Give the reason, as the chain of custody records it.")));
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_REASON) {
            throw ComityException.invalid("The reason is too long.", List.of(FieldProblem.of(field, "too-long", "At most " + MAX_REASON + " characters.")));
        }
        return stripped;
    }
}
