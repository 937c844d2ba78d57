/**
 * Runnable programs: {@code ./ferry tour} walks through every service on embedded servers (or real
 * ones when given endpoints); each step is a small sample a user can copy.
 */
package dev.ferry.samples;
