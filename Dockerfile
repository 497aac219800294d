# The CMS in production: gunicorn + WhiteNoise, PostgreSQL from DATABASE_URL, a non-root user.
# Settings come from the environment (see README "Production"); nothing secret is baked in.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY cms cms
COPY site_builder site_builder
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    WISTAKON_HOME=/app
RUN useradd --create-home --uid 10001 wistakon
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
COPY themes themes
COPY content content
# collectstatic needs settings to import; these throwaway values never reach the running container.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 ALLOWED_HOSTS=localhost \
    python -m cms collectstatic --noinput \
    && mkdir -p /app/var /app/dist && chown -R wistakon:wistakon /app
USER wistakon
EXPOSE 8000
CMD ["sh", "-c", "python -m cms migrate --noinput && exec gunicorn cms.wsgi:application --bind 0.0.0.0:8000 --workers 3 --access-logfile -"]
