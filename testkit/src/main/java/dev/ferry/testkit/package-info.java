/**
 * Ferry's test kit: servers that speak the real protocols, and the guards every test runs under.
 * It depends on no Ferry module, so that its servers are a second, independent reading of each
 * protocol and every Ferry module's tests (core's too) can use it.
 */
package dev.ferry.testkit;
