package dev.aivid.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One HTTP endpoint; the route table is the single list the server, docs and tests share. */
public record Route(HandlerType method, String path, Access access, Handler handler) {
  public enum Access {
    PUBLIC,
    MEMBER,
    ADMIN
  }

  /** The path as OpenAPI writes it ({@code <model>} is Javalin's slash-accepting parameter). */
  public String openApiPath() {
    return path.replace('<', '{').replace('>', '}');
  }
}
