/** Studio admins: their own accounts and login, and the admin API (plugins, audit log, notification deliveries, refunds). */
@NullMarked
package dev.portico.admin;

import org.jspecify.annotations.NullMarked;
