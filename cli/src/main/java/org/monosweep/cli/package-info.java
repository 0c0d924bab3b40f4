/**
 * The {@code monosweep} command line: {@link org.monosweep.cli.Main} holds the picocli command
 * tree, one small command class per verb ({@code plan}, {@code run}, {@code status}, ...), and
 * the shared option mixins ({@code --runs}, {@code --config}, the cluster options) that give a
 * flag the same meaning on every command. Commands only parse and bootstrap: the work is done by
 * the other modules, and {@code UserErrors} turns what they throw into one line and an exit code
 * from {@code ExitCodes}. Paths are relative to the working directory the command was started in.
 */
package org.monosweep.cli;
