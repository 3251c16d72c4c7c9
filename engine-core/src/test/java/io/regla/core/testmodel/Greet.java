package io.regla.core.testmodel;

import io.regla.api.Action;

public record Greet(String personId, String text) implements Action {
}
