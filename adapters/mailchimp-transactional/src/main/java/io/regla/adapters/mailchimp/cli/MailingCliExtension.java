package io.regla.adapters.mailchimp.cli;

import io.regla.cli.CliExtension;

import java.util.List;

/** Adds {@code regla mailing} (metrics, audience-sync, reports-sync) to the CLI. */
public final class MailingCliExtension implements CliExtension {
    @Override
    public List<Object> subcommands() {
        return List.of(new MailingCommand());
    }
}
