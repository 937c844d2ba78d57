package dev.ferry.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The comparison's tables: per server and workload, one row per client with the median over rounds
 * and the range, and Ferry's ratio to each row taken within each round (so that a slow moment of
 * the machine touches both sides of a ratio alike).
 */
final class Summary {
    private Summary() {
    }

    static String markdown(List<Map<String, Object>> results, Map<String, String> machine, Map<String, String> args) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Comparison run\n\n");
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("- arguments: ").append(args).append("\n\n");
        Set<String> servers = new LinkedHashSet<>();
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> clients = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            servers.add((String) r.get("server"));
            workloads.add((String) r.get("workload"));
            clients.add((String) r.get("client"));
        }
        for (String server : servers) {
            for (String workload : workloads) {
                table(sb, results, server, workload, clients);
            }
        }
        sb.append("## What each client sent (first request of each kind, captured by the sink)\n\n");
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            Object sent = r.get("sent");
            String key = r.get("client") + " / " + r.get("workload");
            if (sent != null && !seen.containsKey(key)) {
                seen.put(key, sent);
                sb.append("### ").append(key).append("\n\n").append(r.get("integrity")).append("\n\n");
                if (sent instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (!(e.getValue() instanceof Map<?, ?> entry)) {
                            continue;
                        }
                        String kind = String.valueOf(e.getKey());
                        if (!(kind.equals("PutObject") || kind.equals("UploadPart") || kind.equals("GetObject"))) {
                            continue;
                        }
                        sb.append("- ").append(kind).append(": `").append(entry.get("request")).append("`, body ")
                                .append(entry.get("body")).append("; integrity headers: ").append(integrityHeaders(entry.get("headers")))
                                .append('\n');
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String integrityHeaders(Object headers) {
        if (!(headers instanceof Map<?, ?> h)) {
            return "?";
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : h.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.startsWith("x-amz-content-sha256") || name.startsWith("x-amz-checksum") || name.startsWith("x-amz-sdk-checksum")
                    || name.equals("content-md5") || name.equals("x-amz-trailer") || name.equals("content-encoding")
                    || name.equals("expect")) {
                String v = String.valueOf(e.getValue());
                out.add(name + ": " + (v.length() > 20 && name.equals("x-amz-content-sha256") && !v.startsWith("STREAMING") && !v.startsWith("UNSIGNED")
                        ? "<sha256 hex>" : v));
            }
        }
        return out.isEmpty() ? "none" : "`" + String.join("`, `", out) + "`";
    }

    private static void table(StringBuilder sb, List<Map<String, Object>> results, String server, String workload, Set<String> clients) {
        boolean bytesMatter = !workload.equals("put4k");
        sb.append("## ").append(workload).append(" against ").append(server).append("\n\n");
        sb.append("| client | ops/s | MB/s | p50 ms | p99 ms | client CPU ").append(bytesMatter ? "s/GB" : "s/1k ops")
                .append(" | alloc B/op | server CPU ").append(bytesMatter ? "s/GB" : "s/1k ops")
                .append(" | ferry ÷ this (ops/s) | ferry-cheap ÷ this (ops/s) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String client : clients) {
            List<Map<String, Object>> runs = select(results, server, workload, client);
            if (runs.isEmpty()) {
                continue;
            }
            sb.append("| ").append(client);
            List<Map<String, Object>> ok = runs.stream().filter(r -> !r.containsKey("error")).toList();
            if (ok.isEmpty()) {
                sb.append(" | failed: ").append(String.valueOf(runs.get(0).get("error")).replace('|', '/')).append(" |||||||||\n");
                continue;
            }
            sb.append(" | ").append(stat(ok, "opsPerSecond", "%.0f"))
                    .append(" | ").append(stat(ok, "mbPerSecond", "%.1f"))
                    .append(" | ").append(stat(ok, "p50Millis", "%.2f"))
                    .append(" | ").append(stat(ok, "p99Millis", "%.2f"))
                    .append(" | ").append(stat(ok, bytesMatter ? "cpuSecondsPerGB" : "cpuSecondsPer1000Ops", "%.3f"))
                    .append(" | ").append(stat(ok, "allocatedBytesPerOp", "%,.0f"))
                    .append(" | ").append(stat(ok, bytesMatter ? "serverCpuSecondsPerGB" : "serverCpuSecondsPer1000Ops", "%.3f"))
                    .append(" | ").append(ratio(results, server, workload, "ferry", client))
                    .append(" | ").append(ratio(results, server, workload, "ferry-cheap", client))
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> results, String server, String workload, String client) {
        return results.stream().filter(r -> Objects.equals(r.get("server"), server) && Objects.equals(r.get("workload"), workload)
                && Objects.equals(r.get("client"), client)).toList();
    }

    /** Median (min–max) over runs. */
    static String stat(List<Map<String, Object>> runs, String key, String format) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> r : runs) {
            double v = Coordinator.num(r, key);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return "–";
        }
        values.sort(null);
        String median = String.format(format, median(values));
        if (values.size() == 1) {
            return median;
        }
        return median + " (" + String.format(format, values.get(0)) + "–" + String.format(format, values.get(values.size() - 1)) + ")";
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Ferry's ops/s over this client's, per round, as median (min–max). */
    private static String ratio(List<Map<String, Object>> results, String server, String workload, String ferry, String client) {
        if (client.equals(ferry)) {
            return "1";
        }
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Object> r : select(results, server, workload, client)) {
            if (r.containsKey("error")) {
                continue;
            }
            for (Map<String, Object> f : select(results, server, workload, ferry)) {
                if (Objects.equals(f.get("round"), r.get("round")) && !f.containsKey("error")) {
                    ratios.add(Coordinator.num(f, "opsPerSecond") / Coordinator.num(r, "opsPerSecond"));
                }
            }
        }
        if (ratios.isEmpty()) {
            return "–";
        }
        ratios.sort(null);
        String m = String.format("%.2fx", median(ratios));
        return ratios.size() == 1 ? m : m + " (" + String.format("%.2f", ratios.get(0)) + "–" + String.format("%.2f", ratios.get(ratios.size() - 1)) + ")";
    }
}
