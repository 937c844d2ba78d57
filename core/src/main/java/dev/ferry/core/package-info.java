/**
 * Ferry's error model: every failure a caller sees is a {@link dev.ferry.core.FerryException}.
 *
 * <p>A {@link dev.ferry.core.ServiceException} means the service answered with an error; a
 * {@link dev.ferry.core.TransportException} means the exchange itself failed and says whether the
 * request was sent. Both are unchecked.
 */
@NullMarked
package dev.ferry.core;

import org.jspecify.annotations.NullMarked;
