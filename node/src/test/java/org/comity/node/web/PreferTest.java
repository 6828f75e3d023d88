package org.comity.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferTest {

    @Test
    void returnMinimalIsReadWhereverItStandsAmongThePreferences() {
        assertThat(Prefer.returnMinimal("return=minimal")).isTrue();
        assertThat(Prefer.returnMinimal("  Return = \"Minimal\" ")).isTrue();
        assertThat(Prefer.returnMinimal("respond-async; wait=10, return=minimal")).isTrue();
        assertThat(Prefer.returnMinimal("handling=lenient,return=minimal;foo=bar")).isTrue();
    }

    @Test
    void anythingElseLeavesTheFullAnswer() {
        assertThat(Prefer.returnMinimal(null)).isFalse();
        assertThat(Prefer.returnMinimal("")).isFalse();
        assertThat(Prefer.returnMinimal("return=representation")).isFalse();
        assertThat(Prefer.returnMinimal("return")).isFalse();
        assertThat(Prefer.returnMinimal("minimal")).isFalse();
        assertThat(Prefer.returnMinimal("x-return=minimal")).isFalse();
        assertThat(Prefer.returnMinimal("respond-async; return=minimal")).as("a parameter of another preference").isFalse();
        assertThat(Prefer.returnMinimal("return=representation, return=minimal")).as("the first one wins").isFalse();
        assertThat(Prefer.returnMinimal("x".repeat(2000) + ", return=minimal")).as("overlong").isFalse();
    }
}
