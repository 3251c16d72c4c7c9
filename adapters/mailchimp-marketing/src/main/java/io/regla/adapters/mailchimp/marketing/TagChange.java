package io.regla.adapters.mailchimp.marketing;

/** Adds ({@code active}) or removes a tag on a member. */
public record TagChange(String name, boolean active) {

    public TagChange {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tag name is missing");
        }
    }

    public static TagChange add(String name) {
        return new TagChange(name, true);
    }

    public static TagChange remove(String name) {
        return new TagChange(name, false);
    }
}
