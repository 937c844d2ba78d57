package dev.ferry.ews.model;

/** An item body for an update: its text and whether that text is HTML. */
public record Body(String content, BodyType type) {
    public Body {
        if (content == null) {
            throw new IllegalArgumentException("body content must not be null");
        }
        if (type == null) {
            throw new IllegalArgumentException("body type must not be null");
        }
    }

    public static Body text(String text) {
        return new Body(text, BodyType.TEXT);
    }

    public static Body html(String html) {
        return new Body(html, BodyType.HTML);
    }
}
