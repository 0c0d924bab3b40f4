package org.monosweep.spec;

/**
 * Why a value does not suit a parameter, and what to write instead.
 *
 * @param problem what is wrong
 * @param fix what to write
 */
record ParamIssue(String problem, String fix) {}
