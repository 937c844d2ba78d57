package dev.ferry.ews.model;

/**
 * A message fetched with its MIME content: what Exchange said about the item (id, ChangeKey, folder,
 * the attachments' ids and sizes), and the message parsed from its MIME.
 *
 * @param mimeSize bytes of MIME that were parsed
 */
public record FetchedMessage(ItemInfo item, MailMessage message, long mimeSize) {
}
