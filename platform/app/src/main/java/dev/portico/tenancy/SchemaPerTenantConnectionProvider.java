package dev.portico.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/** Hands Hibernate connections pointed at the schema of the tenant it asks for. */
class SchemaPerTenantConnectionProvider implements MultiTenantConnectionProvider<String> {

    private final DataSource dataSource;
    private final TenantSchemas schemas;

    SchemaPerTenantConnectionProvider(DataSource dataSource, TenantSchemas schemas) {
        this.dataSource = dataSource;
        this.schemas = schemas;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(String tenantIdentifier) throws SQLException {
        // Outside any studio (platform work), the connection points at a schema with no studio's tables,
        // so a stray tenant query fails instead of reaching some studio's data.
        String schema = TenantIdentifierResolver.NO_TENANT.equals(tenantIdentifier)
                ? TenantSchemas.NEUTRAL_SCHEMA : Tenant.schemaFor(tenantIdentifier);
        return schemas.open(schema);
    }

    @Override
    public void releaseConnection(String tenantIdentifier, Connection connection) throws SQLException {
        // Left pointing at the studio: its next borrower points it where it needs (see SchemaPointingDataSource).
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        throw new org.hibernate.service.UnknownUnwrapTypeException(unwrapType);
    }
}
