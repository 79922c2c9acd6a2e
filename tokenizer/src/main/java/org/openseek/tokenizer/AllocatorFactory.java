package org.openseek.tokenizer;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;

/**
 * Creates Arrow allocators backed by {@code sun.misc.Unsafe}. Naming the factory explicitly avoids
 * Arrow's class-path probe for a memory implementation, so the choice does not change when Spark
 * adds {@code arrow-memory-netty} next to this module's {@code arrow-memory-unsafe}.
 */
final class AllocatorFactory {

  private AllocatorFactory() {}

  static BufferAllocator newRootAllocator() {
    return new RootAllocator(
        RootAllocator.configBuilder()
            .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
            .build());
  }
}
