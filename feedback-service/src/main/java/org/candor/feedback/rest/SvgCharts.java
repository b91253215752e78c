package org.candor.feedback.rest;

import java.util.List;
import java.util.Locale;

/** Charts as inline SVG made on the server: no script, no external files, readable by screen readers. */
final class SvgCharts {

    /** One point of a line: its label on the x axis and its value (or null for a gap). */
    record Point(String label, Double value) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private SvgCharts() {
    }

    /** A line over the points, y from {@code min} to {@code max}. */
    static String line(String id, String title, List<Point> points, double min, double max) {
        StringBuilder svg = open(id, title);
        axes(svg, min, max, 4);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double step = points.size() > 1 ? (double) plotWidth / (points.size() - 1) : 0;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            double x = LEFT + (points.size() > 1 ? i * step : plotWidth / 2.0);
            svg.append(text(x, HEIGHT - BOTTOM + 18, "middle", point.label()));
            if (point.value() == null) {
                continue;
            }
            double y = y(point.value(), min, max);
            path.append(path.length() == 0 ? "M" : " L").append(format(x)).append(' ').append(format(y));
            svg.append("<circle class=\"point\" cx=\"").append(format(x)).append("\" cy=\"").append(format(y))
                    .append("\" r=\"4\" fill=\"#1b4f9c\"><title>").append(escape(point.label())).append(": ")
                    .append(format(point.value())).append("</title></circle>");
        }
        if (path.length() > 0) {
            svg.append("<path class=\"trend\" d=\"").append(path).append("\" fill=\"none\" stroke=\"#1b4f9c\" stroke-width=\"3\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** One bar per NPS score 0–10, coloured as detractor, passive or promoter. */
    static String npsBars(String id, String title, long[] counts) {
        StringBuilder svg = open(id, title);
        long highest = 1;
        for (long count : counts) {
            highest = Math.max(highest, count);
        }
        axes(svg, 0, highest, (int) Math.min(4, highest));
        int plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / (double) counts.length;
        for (int score = 0; score < counts.length; score++) {
            double x = LEFT + score * slot + slot * 0.15;
            double top = y(counts[score], 0, highest);
            String colour = score <= 6 ? "#c0392b" : score <= 8 ? "#b7950b" : "#1e7b46";
            svg.append("<rect class=\"bar\" data-score=\"").append(score).append("\" x=\"").append(format(x))
                    .append("\" y=\"").append(format(top)).append("\" width=\"").append(format(slot * 0.7))
                    .append("\" height=\"").append(format(HEIGHT - BOTTOM - top)).append("\" fill=\"").append(colour)
                    .append("\"><title>").append(score).append(": ").append(counts[score]).append("</title></rect>");
            svg.append(text(x + slot * 0.35, HEIGHT - BOTTOM + 18, "middle", Integer.toString(score)));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title) {
        return new StringBuilder("<svg id=\"").append(id).append("\" role=\"img\" aria-labelledby=\"").append(id)
                .append("-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"><title id=\"")
                .append(id).append("-title\">").append(escape(title)).append("</title>");
    }

    private static void axes(StringBuilder svg, double min, double max, int ticks) {
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#888\"/>");
        for (int i = 0; i <= Math.max(ticks, 1); i++) {
            double value = min + (max - min) * i / Math.max(ticks, 1);
            double y = y(value, min, max);
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(format(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(format(y)).append("\" stroke=\"#e3e5e8\"/>");
            svg.append(text(LEFT - 6, y + 4, "end", format(value)));
        }
    }

    private static double y(double value, double min, double max) {
        double span = max - min == 0 ? 1 : max - min;
        return HEIGHT - BOTTOM - (value - min) / span * (HEIGHT - BOTTOM - TOP);
    }

    private static String text(double x, double y, String anchor, String label) {
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor
                + "\" font-size=\"12\" fill=\"#333\">" + escape(label) + "</text>";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
