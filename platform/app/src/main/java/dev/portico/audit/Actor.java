package dev.portico.audit;

/**
 * Who acted.
 *
 * @param type CUSTOMER, ADMIN, SYSTEM or PLATFORM
 * @param id   their id, or a name for the system
 */
public record Actor(Type type, String id) {

    public enum Type { CUSTOMER, ADMIN, SYSTEM, PLATFORM }

    public static Actor admin(String id) {
        return new Actor(Type.ADMIN, id);
    }

    public static Actor customer(String id) {
        return new Actor(Type.CUSTOMER, id);
    }

    public static Actor system(String component) {
        return new Actor(Type.SYSTEM, component);
    }
}
