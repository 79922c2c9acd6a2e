package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IterationLogTest {

  @Test
  void lineMatchesMegatronFormat() {
    String line = IterationLog.format(3, 100, 12, 812.4, 9.0e-4, 4, 11.03456, 2.345, 630.2);

    assertEquals(" iteration        3/     100 | consumed samples:           12 |"
        + " elapsed time per iteration (ms): 812.4 | learning rate: 9.000000E-04 |"
        + " global batch size:     4 | lm loss: 1.103456E+01 | grad norm: 2.345 |"
        + " tokens per second: 630 |", line);
  }

  @Test
  void intervalAveragesLossAndTime() {
    IterationLog log = new IterationLog(10, 2, 8);
    log.add(new IterationMetrics(1, 2, 1e-3, 4.0, 1.5, 100.0, 160.0));
    log.add(new IterationMetrics(2, 4, 2e-3, 2.0, 0.5, 300.0, 53.3));

    String line = log.drainLine();

    assertEquals(IterationLog.format(2, 10, 4, 200.0, 2e-3, 2, 3.0, 0.5, 80.0), line);
  }
}
