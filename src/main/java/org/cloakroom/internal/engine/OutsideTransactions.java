package org.cloakroom.internal.engine;

import java.util.function.Supplier;

/**
 * Keeps the {@code db} engine's statements out of a transaction the calling thread is in (an EJB's
 * method, a {@code @Transactional} one). A session's row is written in transactions of its own: a
 * connection that joined the application's transaction refuses them, and would otherwise commit or
 * roll back the session with the application's work.
 */
public interface OutsideTransactions {

    /** Outside a container there is no transaction to stay out of. */
    OutsideTransactions NONE = new OutsideTransactions() {
        @Override
        public boolean callerInTransaction() {
            return false;
        }

        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }
    };

    /** Whether the calling thread is in a transaction (active or ending), cheaply enough to ask on every statement. */
    boolean callerInTransaction();

    /** Runs {@code work} with the calling thread's transaction suspended, and resumes it after. */
    <T> T run(Supplier<T> work);
}
