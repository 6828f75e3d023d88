package org.comity.custody.merkle;

import java.util.List;

/** The in-memory log keeps the {@link HashSource} contract. */
class MemoryLogContractTest extends HashSourceContract {

    @Override
    protected HashSource sourceOf(List<byte[]> entries) {
        MemoryLog log = MemoryLog.empty();
        entries.forEach(log::append);
        return log;
    }
}
