/** Studio admins: their own accounts and login, and the admin API for plugins. */
@NullMarked
package dev.portico.admin;

import org.jspecify.annotations.NullMarked;
