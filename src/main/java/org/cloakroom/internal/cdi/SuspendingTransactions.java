package org.cloakroom.internal.cdi;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import org.cloakroom.internal.engine.OutsideTransactions;

/**
 * {@link OutsideTransactions} in a Jakarta EE container: the platform's transaction registry says
 * whether the thread is in a transaction, and Jakarta Transactions' {@code NOT_SUPPORTED} suspends
 * it around the work. Without a registry (Weld SE, tests) the work runs as it is.
 */
@ApplicationScoped
public class SuspendingTransactions implements OutsideTransactions {

    /** Injected by the container when the bean is created; null without one (Weld SE, tests). */
    @Resource
    private TransactionSynchronizationRegistry registry;

    @Override
    public boolean callerInTransaction() {
        return registry != null && registry.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T run(Supplier<T> work) {
        return work.get();
    }
}
