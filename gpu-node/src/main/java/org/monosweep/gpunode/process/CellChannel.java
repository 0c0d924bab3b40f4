package org.monosweep.gpunode.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The local channel between a node and a cell process: JSON lines. The node writes one
 * {@link CellJob} line to the process's standard input and keeps the pipe open; closing it (or
 * the node dying) tells the process to stop. The process writes {@link CellEvent} lines to its
 * standard output and its log to standard error, which the node appends to the cell's
 * {@code cell.log}. Thread-safe.
 */
public final class CellChannel {
  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** One line of JSON for {@code job}. */
  public String encode(CellJob job) {
    return write(job);
  }

  /** One line of JSON for {@code event}. */
  public String encode(CellEvent event) {
    return write(event);
  }

  /**
   * The job on a process's first input line.
   *
   * @throws IllegalArgumentException when the line is not a job
   */
  public CellJob job(String line) {
    try {
      return mapper.readValue(line, CellJob.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a cell job: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The event on one output line of a process.
   *
   * @throws IllegalArgumentException when the line is not an event (a stray print)
   */
  public CellEvent event(String line) {
    try {
      return mapper.readValue(line, CellEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a cell event: " + e.getOriginalMessage(), e);
    }
  }

  private String write(Object value) {
    try {
      // Jackson writes no raw line breaks in compact output: one value, one line
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
