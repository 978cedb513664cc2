/**
 * Not API: the one door through which the rest of the runtime reaches what the types package keeps to itself
 * (members that generated classes declare protected), without the types package depending on the runtime's
 * other packages. It depends on nothing of the runtime; anything here may change in any release.
 */
@NullMarked
package dev.airgen.runtime.internal.access;

import org.jspecify.annotations.NullMarked;
