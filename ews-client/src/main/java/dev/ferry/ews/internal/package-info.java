/**
 * The implementation of the EWS client: SOAP writer and streaming reader, token cache and signer,
 * throttling gate, MIME codec. Nothing here is API.
 */
@NullMarked
package dev.ferry.ews.internal;

import org.jspecify.annotations.NullMarked;
