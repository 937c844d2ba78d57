/**
 * Small, safe XML reading and writing for the services' documents: streaming (StAX on Aalto), with
 * DTDs and external entities always off, elements matched by namespace URI and local name.
 */
@NullMarked
package dev.ferry.core.xml;

import org.jspecify.annotations.NullMarked;
