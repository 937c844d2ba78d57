package dev.ferry.ews.model;

import java.util.Objects;

/**
 * Which items of a folder to list, and how many per round trip. The client pages through all of
 * them; take fewer with {@code .take(n)} on the Flux, which stops the paging.
 *
 * @param pageSize items per FindItem call, 1 to 1000 (Exchange's cap)
 * @param newestFirst sorted by DateTimeReceived, newest first; else oldest first
 */
public record FindItemsQuery(FolderId folder, Traversal traversal, int pageSize, boolean newestFirst) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public FindItemsQuery {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(traversal, "traversal");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    /** The folder's items, newest first, 100 per page. */
    public static FindItemsQuery of(FolderId folder) {
        return new FindItemsQuery(folder, Traversal.SHALLOW, DEFAULT_PAGE_SIZE, true);
    }

    public FindItemsQuery withPageSize(int size) {
        return new FindItemsQuery(folder, traversal, size, newestFirst);
    }

    public FindItemsQuery withTraversal(Traversal t) {
        return new FindItemsQuery(folder, t, pageSize, newestFirst);
    }

    public FindItemsQuery oldestFirst() {
        return new FindItemsQuery(folder, traversal, pageSize, false);
    }
}
