package org.openseek.pipeline.io;

import java.io.Serializable;

/**
 * One input file and the source it belongs to.
 *
 * @param source the source name, copied into every row read from the file
 * @param uri the file's Hadoop URI
 */
public record InputFile(String source, String uri) implements Serializable {}
