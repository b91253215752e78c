package org.candor.feedback.domain;

/** The kinds of question a survey can ask. */
public enum QuestionType {
    /** Net Promoter Score, 0–10. */
    NPS(0, 10),
    /** Customer satisfaction, 1–5; 4 and 5 count as satisfied. */
    CSAT(1, 5),
    /** "How much do you trust us to protect your data?", 1–5. */
    TRUST(1, 5),
    SINGLE_CHOICE(0, 0),
    MULTIPLE_CHOICE(0, 0),
    FREE_TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public boolean isScale() {
        return this == NPS || this == CSAT || this == TRUST;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
