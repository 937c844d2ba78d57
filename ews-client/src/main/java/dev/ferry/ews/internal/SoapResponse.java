package dev.ferry.ews.internal;

import dev.ferry.ews.model.AttachmentInfo;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.ServerVersion;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A SOAP response as read: the server version, and either a fault or the response messages (one
 * per item or folder the request named, in order).
 */
public record SoapResponse(ServerVersion serverVersion, @Nullable Fault fault, List<Message> messages) {

    /** A SOAP fault: the whole request failed. */
    public record Fault(String faultCode, String faultString, @Nullable String responseCode, @Nullable String message,
                        Map<String, String> messageXml) {
        /** The EWS response code: from the detail, else the local part of the fault code. */
        public String code() {
            if (responseCode != null && !responseCode.isEmpty()) {
                return responseCode;
            }
            int colon = faultCode.indexOf(':');
            return colon >= 0 ? faultCode.substring(colon + 1) : faultCode;
        }
    }

    /** Paging state of a FindItem or FindFolder answer. */
    public record Paging(int indexedPagingOffset, int totalItemsInView, boolean includesLastItemInRange) {
    }

    /** One {@code *ResponseMessage}. */
    public record Message(String operationElement, String responseClass, String responseCode, @Nullable String messageText,
                          Map<String, String> messageXml, List<ItemInfo> items, List<Folder> folders,
                          List<AttachmentInfo> attachments, @Nullable Paging paging) {
        public boolean isSuccess() {
            return !"Error".equals(responseClass);
        }
    }
}
