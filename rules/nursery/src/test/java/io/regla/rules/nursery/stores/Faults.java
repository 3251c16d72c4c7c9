package io.regla.rules.nursery.stores;

import io.regla.api.spi.StoreException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A crash at the n-th call to the database: a JDBC statement (or commit), or a DynamoDB request. The call fails as
 * the process dying there would look to the store: the statement is not executed, the transaction never commits.
 */
final class Faults {

    private static final Set<String> JDBC_CALLS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "commit");

    private final AtomicInteger countdown = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();

    /** Fails the n-th counted call from now (n >= 1). */
    void arm(int n) {
        fired.set(0);
        countdown.set(n);
    }

    void disarm() {
        countdown.set(0);
    }

    boolean fired() {
        return fired.get() > 0;
    }

    private boolean strike() {
        if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
            fired.incrementAndGet();
            return true;
        }
        return false;
    }

    DataSource jdbc(DataSource real) {
        return proxy(DataSource.class, real, (m, args, result) -> result instanceof Connection c
                ? proxy(Connection.class, c, (m2, a2, r2) -> r2 instanceof Statement s ? statement(s) : r2, "commit")
                : result, null);
    }

    private Object statement(Statement s) {
        if (s instanceof PreparedStatement ps) {
            return proxy(PreparedStatement.class, ps, (m, a, r) -> r, null);
        }
        return proxy(Statement.class, s, (m, a, r) -> r, null);
    }

    DynamoDbClient dynamo(DynamoDbClient real) {
        return proxy(DynamoDbClient.class, real, (m, a, r) -> r, "*");
    }

    private interface Wrap {
        Object apply(Method m, Object[] args, Object result) throws Exception;
    }

    /**
     * @param failing the method that may fail (null: the JDBC execute calls; "*": every call but close/toString)
     */
    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T real, Wrap wrap, String failing) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            boolean counted = failing == null ? JDBC_CALLS.contains(m.getName()) && !m.getName().equals("commit")
                    : failing.equals("*") ? !Set.of("close", "toString", "hashCode", "equals", "serviceName",
                    "serviceClientConfiguration").contains(m.getName())
                    : failing.equals(m.getName());
            if (counted && strike()) {
                if (type == DynamoDbClient.class) {
                    throw new StoreException("simulated crash before DynamoDB " + m.getName());
                }
                throw new SQLException("simulated crash before " + m.getName());
            }
            try {
                return wrap.apply(m, args, m.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
