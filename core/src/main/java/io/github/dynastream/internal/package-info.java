/** Implementation details of dynastream-core; not API, may change in any release. */
package io.github.dynastream.internal;
