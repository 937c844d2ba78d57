/**
 * The values an {@link dev.ferry.ews.EwsClient} takes and returns: ids, folders, items, the mail
 * message model, update descriptions and batch outcomes. All immutable records or enums.
 */
@NullMarked
package dev.ferry.ews.model;

import org.jspecify.annotations.NullMarked;
